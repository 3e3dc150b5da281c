package com.nttdocomo.ui;

/** DoJa i-appli base class: signatures only (from the DoJa API reference). */
public abstract class IApplication {
    public IApplication() {}
    public abstract void start();
    public void resume() {}
    public static final native IApplication getCurrentApp();
    /** The ADF's AppParam, split on spaces. */
    public final native String[] getArgs();
    /** The URL the package was downloaded from. */
    public final native String getSourceURL();
    public final native void terminate();
}
