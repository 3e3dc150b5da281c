package java.lang;

public class Thread implements Runnable {
    public Thread() {}
    public Thread(Runnable target) {}
    public static native void sleep(long millis) throws InterruptedException;
    public native void start();
    public void run() {}
}
