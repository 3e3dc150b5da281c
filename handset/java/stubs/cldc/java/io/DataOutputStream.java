package java.io;

public class DataOutputStream extends OutputStream {
    public DataOutputStream(OutputStream out) {}
    public native void write(int b) throws IOException;
    public final native void writeUTF(String str) throws IOException;
}
