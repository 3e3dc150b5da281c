package java.lang;

public final class Short {
    private Short() {}
}
