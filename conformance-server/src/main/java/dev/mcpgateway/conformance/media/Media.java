package dev.mcpgateway.conformance.media;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The tiny binary payloads the fixtures return, base64-encoded as MCP carries them. */
public final class Media {

    public static final String PNG_MIME_TYPE = "image/png";
    public static final String WAV_MIME_TYPE = "audio/wav";

    /** A 1x1 red pixel PNG (RGB, 8 bits), the image the suite suggests. */
    public static final String RED_PIXEL_PNG_BASE64 =
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR42mP4z8AAAAMBAQD3A0FDAAAAAElFTkSuQmCC";

    /** 10 ms of silence: PCM WAV, 8 kHz, mono, 16 bits. */
    public static final String SILENCE_WAV_BASE64 = Base64.getEncoder().encodeToString(silenceWav(8000, 80));

    private Media() {
    }

    static byte[] silenceWav(int sampleRate, int samples) {
        int bytesPerSample = 2;
        int dataSize = samples * bytesPerSample;
        ByteBuffer header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        header.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + dataSize)
                .put("WAVE".getBytes(StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16)
                .putShort((short) 1) // PCM
                .putShort((short) 1) // mono
                .putInt(sampleRate)
                .putInt(sampleRate * bytesPerSample) // byte rate
                .putShort((short) bytesPerSample) // block align
                .putShort((short) 16) // bits per sample
                .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(dataSize);
        ByteArrayOutputStream wav = new ByteArrayOutputStream(44 + dataSize);
        wav.writeBytes(header.array());
        wav.writeBytes(new byte[dataSize]);
        return wav.toByteArray();
    }
}
