package java.lang;

public final class String {
    public String() {}
    public String(char[] value) {}
    public String(char[] value, int offset, int count) {}
    public String(byte[] bytes) {}
    public String(byte[] bytes, String enc) throws java.io.UnsupportedEncodingException {}
    public String(StringBuffer buffer) {}
    public native int length();
    public native char charAt(int index);
    public native boolean equals(Object anObject);
    public native int indexOf(int ch);
    public native int indexOf(int ch, int fromIndex);
    public native int indexOf(String str);
    public native int lastIndexOf(int ch);
    public native String substring(int beginIndex);
    public native String substring(int beginIndex, int endIndex);
    public native String trim();
    public native boolean startsWith(String prefix);
    public native boolean endsWith(String suffix);
    public native char[] toCharArray();
    public native byte[] getBytes();
    public native String toUpperCase();
    public static native String valueOf(int i);
    public static native String valueOf(long l);
    public static native String valueOf(Object obj);
}
