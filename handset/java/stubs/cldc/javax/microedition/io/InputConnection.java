package javax.microedition.io;

public interface InputConnection extends Connection {
    java.io.InputStream openInputStream() throws java.io.IOException;
}
