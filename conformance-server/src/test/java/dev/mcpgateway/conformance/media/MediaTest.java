package dev.mcpgateway.conformance.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

import org.junit.jupiter.api.Test;

/** The base64 payloads are real, minimal files of the MIME type they claim. */
class MediaTest {

    @Test
    void pngIsOneByOnePixel() {
        byte[] png = Base64.getDecoder().decode(Media.RED_PIXEL_PNG_BASE64);
        assertArrayEquals(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' }, Arrays.copyOf(png, 8));
        ByteBuffer ihdr = ByteBuffer.wrap(png, 12, 12); // chunk type, then width and height (big-endian)
        byte[] type = new byte[4];
        ihdr.get(type);
        assertEquals("IHDR", new String(type, StandardCharsets.US_ASCII));
        assertEquals(1, ihdr.getInt());
        assertEquals(1, ihdr.getInt());
    }

    @Test
    void wavIsPcmWithAConsistentHeader() {
        byte[] wav = Base64.getDecoder().decode(Media.SILENCE_WAV_BASE64);
        ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals("RIFF", ascii(wav, 0));
        assertEquals(wav.length - 8, b.getInt(4));
        assertEquals("WAVE", ascii(wav, 8));
        assertEquals("fmt ", ascii(wav, 12));
        assertEquals(1, b.getShort(20)); // PCM
        assertEquals(8000, b.getInt(24));
        assertEquals("data", ascii(wav, 36));
        assertEquals(wav.length - 44, b.getInt(40));
        assertEquals(160, wav.length - 44);
    }

    private static String ascii(byte[] bytes, int offset) {
        return new String(bytes, offset, 4, StandardCharsets.US_ASCII);
    }
}
