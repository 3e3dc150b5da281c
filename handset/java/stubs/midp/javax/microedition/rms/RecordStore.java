package javax.microedition.rms;

/** MIDP record store: signatures only. */
public class RecordStore {
    private RecordStore() {}
    public static native RecordStore openRecordStore(String recordStoreName, boolean createIfNecessary) throws RecordStoreException;
    public static native void deleteRecordStore(String recordStoreName) throws RecordStoreException;
    public native int getNumRecords() throws RecordStoreNotOpenException;
    public native byte[] getRecord(int recordId) throws RecordStoreException;
    public native int addRecord(byte[] data, int offset, int numBytes) throws RecordStoreException;
    public native void closeRecordStore() throws RecordStoreException;
}
