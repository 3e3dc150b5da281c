package com.nttdocomo.ui;

public interface SoftKeyListener {
    void softKeyPressed(int softKey);
    void softKeyReleased(int softKey);
}
