package java.lang;

public final class Long {
    private Long() {}
    public static native String toString(long l);
}
