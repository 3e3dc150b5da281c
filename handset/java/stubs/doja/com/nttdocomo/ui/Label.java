package com.nttdocomo.ui;

public final class Label extends Component {
    public Label(String text) {}
    public native void setText(String text);
}
