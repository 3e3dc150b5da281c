package java.lang;

public final class System {
    private System() {}
    public static native long currentTimeMillis();
    public static native void arraycopy(Object src, int srcPos, Object dest, int destPos, int length);
}
