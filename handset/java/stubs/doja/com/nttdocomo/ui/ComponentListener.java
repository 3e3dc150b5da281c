package com.nttdocomo.ui;

public interface ComponentListener {
    int BUTTON_PRESSED = 1;
    void componentAction(Component source, int type, int param);
}
