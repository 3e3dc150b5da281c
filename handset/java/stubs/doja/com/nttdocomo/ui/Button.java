package com.nttdocomo.ui;

public final class Button extends Component implements Interactable {
    public Button(String label) {}
    public native void setEnabled(boolean b);
    public native void requestFocus();
}
