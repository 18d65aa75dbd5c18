package dev.lectern.content.study;

import dev.lectern.common.web.NotFoundException;
import java.util.UUID;

class QuizNotFoundException extends NotFoundException {

    QuizNotFoundException(UUID id) {
        super("No quiz " + id + " exists for you.");
    }
}
