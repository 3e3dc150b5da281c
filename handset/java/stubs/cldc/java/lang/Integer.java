package java.lang;

public final class Integer {
    public static final int MAX_VALUE = 0x7fffffff;
    private Integer() {}
    public static native int parseInt(String s) throws NumberFormatException;
    public static native String toString(int i);
}
