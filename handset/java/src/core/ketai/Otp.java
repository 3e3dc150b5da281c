package ketai;

/**
 * RFC 4226 / 6238 codes in plain CLDC Java: SHA-1, SHA-256, HMAC and Base32 written out because
 * a handset has no java.security. Only int and long arithmetic (CLDC 1.0 has no floating point).
 */
public final class Otp {
    private Otp() {}

    /** The TOTP code for `millis` since the epoch, zero-padded to `digits`. */
    public static String totp(boolean sha256, byte[] key, long millis, int period, int digits) {
        long counter = millis / 1000 / period;
        byte[] message = new byte[8];
        for (int i = 7; i >= 0; i--) {
            message[i] = (byte) counter;
            counter >>>= 8;
        }
        return hotp(hmac(sha256, key, message), digits);
    }

    /** RFC 4226 dynamic truncation of an HMAC. */
    public static String hotp(byte[] mac, int digits) {
        int at = mac[mac.length - 1] & 0x0f;
        long binary = ((mac[at] & 0x7f) << 24) | ((mac[at + 1] & 0xff) << 16) | ((mac[at + 2] & 0xff) << 8) | (mac[at + 3] & 0xff);
        long modulus = 1;
        for (int i = 0; i < digits; i++) modulus *= 10;
        String code = Long.toString(binary % modulus);
        StringBuffer padded = new StringBuffer();
        for (int i = code.length(); i < digits; i++) padded.append('0');
        return padded.append(code).toString();
    }

    public static byte[] hmac(boolean sha256, byte[] key, byte[] message) {
        if (key.length > 64) key = digest(sha256, key);
        byte[] inner = new byte[64 + message.length];
        byte[] outer = new byte[64 + (sha256 ? 32 : 20)];
        for (int i = 0; i < 64; i++) {
            int k = i < key.length ? key[i] : 0;
            inner[i] = (byte) (k ^ 0x36);
            outer[i] = (byte) (k ^ 0x5c);
        }
        System.arraycopy(message, 0, inner, 64, message.length);
        byte[] innerHash = digest(sha256, inner);
        System.arraycopy(innerHash, 0, outer, 64, innerHash.length);
        return digest(sha256, outer);
    }

    private static final int[] K256 = {
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    };

    /** SHA-1 (FIPS 180-1) or SHA-256 (FIPS 180-2) of `data`. */
    public static byte[] digest(boolean sha256, byte[] data) {
        int blocks = (data.length + 8) / 64 + 1;
        byte[] padded = new byte[blocks * 64];
        System.arraycopy(data, 0, padded, 0, data.length);
        padded[data.length] = (byte) 0x80;
        long bits = (long) data.length * 8;
        for (int i = 0; i < 8; i++) padded[padded.length - 1 - i] = (byte) (bits >>> (8 * i));
        int[] h = sha256
            ? new int[] { 0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19 }
            : new int[] { 0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0 };
        int[] w = new int[sha256 ? 64 : 80];
        for (int block = 0; block < blocks; block++) {
            for (int i = 0; i < 16; i++) {
                int at = block * 64 + i * 4;
                w[i] = (padded[at] << 24) | ((padded[at + 1] & 0xff) << 16) | ((padded[at + 2] & 0xff) << 8) | (padded[at + 3] & 0xff);
            }
            if (sha256) compress256(h, w);
            else compress1(h, w);
        }
        byte[] out = new byte[h.length * 4];
        for (int i = 0; i < out.length; i++) out[i] = (byte) (h[i / 4] >>> (24 - 8 * (i % 4)));
        return out;
    }

    private static void compress1(int[] h, int[] w) {
        for (int i = 16; i < 80; i++) w[i] = rotl(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
        int a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
        for (int i = 0; i < 80; i++) {
            int f;
            if (i < 20) f = ((b & c) | (~b & d)) + 0x5a827999;
            else if (i < 40) f = (b ^ c ^ d) + 0x6ed9eba1;
            else if (i < 60) f = ((b & c) | (b & d) | (c & d)) + 0x8f1bbcdc;
            else f = (b ^ c ^ d) + 0xca62c1d6;
            int t = rotl(a, 5) + f + e + w[i];
            e = d;
            d = c;
            c = rotl(b, 30);
            b = a;
            a = t;
        }
        h[0] += a;
        h[1] += b;
        h[2] += c;
        h[3] += d;
        h[4] += e;
    }

    private static void compress256(int[] h, int[] w) {
        for (int i = 16; i < 64; i++) {
            int s0 = rotl(w[i - 15], 25) ^ rotl(w[i - 15], 14) ^ (w[i - 15] >>> 3);
            int s1 = rotl(w[i - 2], 15) ^ rotl(w[i - 2], 13) ^ (w[i - 2] >>> 10);
            w[i] = w[i - 16] + s0 + w[i - 7] + s1;
        }
        int[] v = new int[8];
        System.arraycopy(h, 0, v, 0, 8);
        for (int i = 0; i < 64; i++) {
            int e = v[4], a = v[0];
            int t1 = v[7] + (rotl(e, 26) ^ rotl(e, 21) ^ rotl(e, 7)) + ((e & v[5]) ^ (~e & v[6])) + K256[i] + w[i];
            int t2 = (rotl(a, 30) ^ rotl(a, 19) ^ rotl(a, 10)) + ((a & v[1]) ^ (a & v[2]) ^ (v[1] & v[2]));
            System.arraycopy(v, 0, v, 1, 7);
            v[4] += t1;
            v[0] = t1 + t2;
        }
        for (int i = 0; i < 8; i++) h[i] += v[i];
    }

    private static int rotl(int x, int n) {
        return (x << n) | (x >>> (32 - n));
    }

    /** RFC 4648 Base32 (case-insensitive, `=` and spaces ignored); null when a character is not Base32. */
    public static byte[] base32(String text) {
        byte[] out = new byte[text.length() * 5 / 8];
        int buffer = 0, bits = 0, length = 0;
        for (int i = 0; i < text.length(); i++) {
            int c = text.charAt(i);
            if (c == '=' || c == ' ') continue;
            if (c >= 'a' && c <= 'z') c -= 32;
            int value;
            if (c >= 'A' && c <= 'Z') value = c - 'A';
            else if (c >= '2' && c <= '7') value = c - '2' + 26;
            else return null;
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8) {
                bits -= 8;
                out[length++] = (byte) (buffer >> bits);
            }
        }
        byte[] exact = new byte[length];
        System.arraycopy(out, 0, exact, 0, length);
        return exact;
    }
}
