package com.nttdocomo.ui;

public final class ListBox extends Component implements Interactable {
    public static final int CHECK_BOX = 2;
    public ListBox(int type) {}
    public native void append(String item);
    public native boolean isIndexSelected(int index);
    public native void setEnabled(boolean b);
    public native void requestFocus();
}
