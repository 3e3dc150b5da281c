package com.nttdocomo.ui;

public abstract class Frame {
    public static final int SOFT_KEY_1 = 0;
    public static final int SOFT_KEY_2 = 1;
    Frame() {}
    public native void setSoftLabel(int key, String label);
}
