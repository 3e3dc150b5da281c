package java.lang;

public final class StringBuffer {
    public StringBuffer() {}
    public StringBuffer(int length) {}
    public StringBuffer(String str) {}
    public native int length();
    public native StringBuffer append(String str);
    public native StringBuffer append(char c);
    public native StringBuffer append(int i);
    public native StringBuffer append(long l);
    public native StringBuffer append(Object obj);
    public native String toString();
}
