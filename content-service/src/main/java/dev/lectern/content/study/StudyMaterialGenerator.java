package dev.lectern.content.study;

/**
 * Turns a document's text into study material. Implementations must be deterministic (the same text gives the same
 * material) and every answer must be a span of the text. {@link RuleBasedGenerator} is the one in use; an LLM-backed
 * generator can implement this later.
 */
public interface StudyMaterialGenerator {

    StudyMaterial generate(String text);
}
