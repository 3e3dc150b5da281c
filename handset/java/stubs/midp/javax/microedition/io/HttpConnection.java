package javax.microedition.io;

/** MIDP HTTP connection: signatures only. */
public interface HttpConnection extends ContentConnection {
    String POST = "POST";
    int HTTP_OK = 200;
    void setRequestMethod(String method) throws java.io.IOException;
    void setRequestProperty(String key, String value) throws java.io.IOException;
    int getResponseCode() throws java.io.IOException;
}
