package java.lang;

public final class Byte {
    private Byte() {}
}
