package com.nttdocomo.ui;

public class Display {
    public static final int KEY_1 = 1;
    protected Display() {}
    public static native void setCurrent(Frame frame);
}
