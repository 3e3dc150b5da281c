package com.nttdocomo.ui;

public abstract class Component {
    Component() {}
    public native void setVisible(boolean b);
}
