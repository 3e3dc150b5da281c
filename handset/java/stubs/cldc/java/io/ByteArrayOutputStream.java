package java.io;

public class ByteArrayOutputStream extends OutputStream {
    public ByteArrayOutputStream() {}
    public native void write(int b);
    public native byte[] toByteArray();
}
