package java.lang;

public final class Boolean {
    private Boolean() {}
}
