package dev.lectern.worker.avatar.animation;

import java.util.SplittableRandom;

/**
 * Blinks and head motion for one job, drawn from a seeded generator so the same job renders the same video. Blinks
 * come every 2–6 s (people blink about 15–20 times a minute) and take about 150 ms; the head sways by a degree or so
 * and a couple of pixels on slow, incommensurate sinusoids.
 *
 * @param blink eyelid closure per frame, 0 (open) .. 1 (shut)
 * @param angleDegrees head roll per frame
 * @param dx horizontal head shift per frame, pixels at 512 px
 * @param dy vertical head shift per frame, pixels at 512 px
 */
public record MotionPlan(double[] blink, double[] angleDegrees, double[] dx, double[] dy) {

    public static MotionPlan of(long seed, int fps, int frames) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] blink = new double[frames];
        double blinkSeconds = 0.15;
        int closing = Math.max(1, (int) Math.round(blinkSeconds * fps / 2));
        double t = 0.6 + random.nextDouble() * 2.5;
        while (t * fps < frames) {
            int centre = (int) Math.round(t * fps);
            for (int k = -closing; k <= closing; k++) {
                int f = centre + k;
                if (f >= 0 && f < frames) {
                    blink[f] = Math.max(blink[f], 1.0 - (double) Math.abs(k) / (closing + 1));
                }
            }
            t += 2.0 + random.nextDouble() * 4.0;
        }
        double[] angle = new double[frames];
        double[] dx = new double[frames];
        double[] dy = new double[frames];
        double pa = random.nextDouble() * 2 * Math.PI;
        double px = random.nextDouble() * 2 * Math.PI;
        double py = random.nextDouble() * 2 * Math.PI;
        for (int f = 0; f < frames; f++) {
            double s = (double) f / fps;
            angle[f] = 1.2 * Math.sin(2 * Math.PI * 0.23 * s + pa);
            dx[f] = 2.0 * Math.sin(2 * Math.PI * 0.17 * s + px);
            dy[f] = 1.5 * Math.sin(2 * Math.PI * 0.31 * s + py);
        }
        return new MotionPlan(blink, angle, dx, dy);
    }
}
