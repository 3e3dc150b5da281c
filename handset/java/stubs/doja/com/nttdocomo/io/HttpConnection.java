package com.nttdocomo.io;

/** DoJa HTTP connection (opened with Connector.open(url, READ_WRITE, true)): signatures only. */
public interface HttpConnection extends javax.microedition.io.ContentConnection {
    String POST = "POST";
    int HTTP_OK = 200;
    void setRequestMethod(String method) throws java.io.IOException;
    void setRequestProperty(String key, String value) throws java.io.IOException;
    void connect() throws java.io.IOException;
    int getResponseCode() throws java.io.IOException;
}
