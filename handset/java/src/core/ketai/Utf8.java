package ketai;

/** UTF-8 both ways for the BMP: old DoJa handsets only know Shift_JIS, the gateway speaks UTF-8. */
public final class Utf8 {
    private Utf8() {}

    public static byte[] encode(String text) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            int c = text.charAt(i);
            if (c < 0x80) out.write(c);
            else if (c < 0x800) {
                out.write(0xc0 | (c >> 6));
                out.write(0x80 | (c & 0x3f));
            } else {
                out.write(0xe0 | (c >> 12));
                out.write(0x80 | ((c >> 6) & 0x3f));
                out.write(0x80 | (c & 0x3f));
            }
        }
        return out.toByteArray();
    }

    /** Malformed sequences become U+FFFD; 4-byte sequences (outside the BMP) too. */
    public static String decode(byte[] bytes, int length) {
        StringBuffer out = new StringBuffer();
        int i = 0;
        while (i < length) {
            int b = bytes[i++] & 0xff;
            int more = b < 0x80 ? 0 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xc0 && b < 0xe0 ? 1 : -1;
            int c = more == 2 ? b & 0x0f : more == 1 ? b & 0x1f : b;
            for (int k = 0; k < more; k++) {
                if (i >= length || (bytes[i] & 0xc0) != 0x80) {
                    more = -1;
                    break;
                }
                c = (c << 6) | (bytes[i++] & 0x3f);
            }
            out.append(more < 0 ? (char) 0xfffd : (char) c);
        }
        return out.toString();
    }

    /** Reads a stream to its end (HTTP bodies, the ScratchPad) and decodes it. */
    public static String read(java.io.InputStream in) throws java.io.IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] buffer = new byte[256];
        int n;
        while ((n = in.read(buffer, 0, buffer.length)) > 0) {
            for (int i = 0; i < n; i++) out.write(buffer[i]);
        }
        byte[] bytes = out.toByteArray();
        return decode(bytes, bytes.length);
    }
}
