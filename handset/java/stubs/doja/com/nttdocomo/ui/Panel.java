package com.nttdocomo.ui;

public class Panel extends Frame {
    public Panel() {}
    public native void add(Component c);
    public native void setTitle(String title);
    public native void setSoftKeyListener(SoftKeyListener listener);
    public native void setComponentListener(ComponentListener listener);
    public native void setKeyListener(KeyListener listener);
}
