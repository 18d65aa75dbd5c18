package dev.lectern.video.job;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Foundation placeholder request: a titled job that proves the message path (the storyboard API replaces it). */
public record CreateVideoRequest(@NotBlank @Size(max = 200) String title) {
}
