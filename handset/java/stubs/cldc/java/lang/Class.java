package java.lang;

public final class Class {
    private Class() {}
    public native String getName();
    public native boolean isInstance(Object obj);
}
