package dev.lectern.common.video;

import java.util.List;

/** An explainer video as an ordered list of scenes. */
public record Storyboard(String title, List<Scene> scenes) {

    public double durationSeconds() {
        return scenes.stream().mapToDouble(Scene::durationSeconds).sum();
    }
}
