package dev.lectern.worker.avatar.speech;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * espeak-ng (Debian package {@code espeak-ng}) run as a process: text on stdin, a WAV file out. The engine's voice
 * data is memory-mapped by the OS, so keeping one instance per worker is all "loading once" needs.
 */
public final class EspeakSpeechSynthesizer implements SpeechSynthesizer {

    private static final Pattern VOICE = Pattern.compile("[a-zA-Z0-9+_-]{1,40}");

    private final String command;
    private final Duration timeout;

    public EspeakSpeechSynthesizer(String command, Duration timeout) {
        this.command = command;
        this.timeout = timeout;
    }

    /**
     * Checks that the engine runs, for a start-up log line.
     *
     * @return the engine's version line
     * @throws SpeechUnavailableException with the reason when it does not
     */
    public String probe() throws SpeechUnavailableException {
        try {
            Process process = new ProcessBuilder(List.of(command, "--version")).redirectErrorStream(true).start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new SpeechUnavailableException("'" + command + " --version' failed", null);
            }
            return new String(out, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new SpeechUnavailableException("no text-to-speech engine: '" + command + "' could not be run ("
                    + e.getMessage() + "); install the Debian package espeak-ng", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SpeechUnavailableException("interrupted", e);
        }
    }

    @Override
    public String name() {
        return "espeak-ng";
    }

    @Override
    public Speech synthesize(String text, String voice) throws SpeechUnavailableException {
        if (!VOICE.matcher(voice).matches()) {
            throw new SpeechUnavailableException("voice '" + voice + "' is not a valid espeak-ng voice name", null);
        }
        Path wav = null;
        Process process = null;
        try {
            wav = Files.createTempFile("lectern-tts", ".wav");
            process = new ProcessBuilder(List.of(command, "-v", voice, "-s", "165", "-w", wav.toString(), "--stdin"))
                    .redirectErrorStream(true).start();
            try (OutputStream in = process.getOutputStream()) {
                in.write(text.getBytes(StandardCharsets.UTF_8));
            }
            byte[] log = process.getInputStream().readAllBytes();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new SpeechUnavailableException("espeak-ng did not finish within " + timeout, null);
            }
            String output = new String(log, StandardCharsets.UTF_8).strip();
            if (process.exitValue() != 0) {
                throw new SpeechUnavailableException("espeak-ng failed (exit " + process.exitValue() + "): " + output,
                        null);
            }
            Speech speech = WavReader.read(Files.readAllBytes(wav));
            if (speech.samples().length == 0) {
                throw new SpeechUnavailableException("espeak-ng produced no audio" + (output.isEmpty() ? ""
                        : ": " + output), null);
            }
            return speech;
        } catch (IOException e) {
            if (process == null) {
                throw new SpeechUnavailableException("no text-to-speech engine: '" + command + "' could not be run ("
                        + e.getMessage() + "); install the Debian package espeak-ng", e);
            }
            throw new SpeechUnavailableException("espeak-ng output could not be read: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new SpeechUnavailableException("espeak-ng wrote unreadable audio: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SpeechUnavailableException("interrupted while synthesising", e);
        } finally {
            if (process != null && process.isAlive()) {
                process.destroyForcibly();
            }
            if (wav != null) {
                try {
                    Files.deleteIfExists(wav);
                } catch (IOException ignored) {
                    // a temp file; the OS cleans /tmp
                }
            }
        }
    }
}
