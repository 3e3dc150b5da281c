package java.io;

public class DataInputStream extends InputStream {
    public DataInputStream(InputStream in) {}
    public native int read() throws IOException;
    public final native String readUTF() throws IOException;
}
