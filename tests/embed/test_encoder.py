from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from newsfuse import embed
from newsfuse.embed import encoder as encoder_module
from newsfuse.embed import get_encoder
from newsfuse.embed.encoder import OnnxSentenceEncoder
from newsfuse.errors import ModelError


@pytest.fixture(scope="module")
def encoder() -> OnnxSentenceEncoder:
    loaded = get_encoder()
    assert isinstance(loaded, OnnxSentenceEncoder)
    return loaded


def test_get_encoder_is_loaded_once() -> None:
    assert get_encoder() is get_encoder()


def test_encode_returns_normalised_float32_rows(encoder: OnnxSentenceEncoder) -> None:
    vectors = encoder.encode(["The council approved the budget.", "Rain is expected tomorrow.", ""])
    assert vectors.shape == (3, 384)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_encode_of_no_texts_is_an_empty_matrix(encoder: OnnxSentenceEncoder) -> None:
    assert encoder.encode([]).shape == (0, 384)


def test_paraphrases_score_higher_than_unrelated_sentences(encoder: OnnxSentenceEncoder) -> None:
    anchor, paraphrase, unrelated = encoder.encode(
        [
            "The two leaders signed a defence treaty in the capital.",
            "A mutual defence pact was signed by both presidents in the capital city.",
            "The bakery sells fresh bread every morning.",
        ]
    )
    assert float(anchor @ paraphrase) > float(anchor @ unrelated) + 0.3


def test_result_does_not_depend_on_batch_composition(encoder: OnnxSentenceEncoder) -> None:
    text = "Officials said the bridge would reopen next month after repairs."
    alone = OnnxSentenceEncoder(cache_entries=0).encode([text])[0]
    among_longer = encoder.encode(["short", text, "a much longer sentence " * 20])[1]
    np.testing.assert_allclose(alone, among_longer, atol=1e-4)


def test_long_texts_are_truncated_not_rejected(encoder: OnnxSentenceEncoder) -> None:
    vectors = encoder.encode(["word " * 2000])
    assert vectors.shape == (1, 384)


def test_repeated_texts_come_from_the_cache(encoder: OnnxSentenceEncoder) -> None:
    text = "A sentence written only for the cache test."
    first = encoder.encode([text])
    hits_before = encoder.cache_hits
    second = encoder.encode([text, text])
    assert encoder.cache_hits == hits_before + 2
    np.testing.assert_array_equal(first[0], second[0])
    np.testing.assert_array_equal(second[0], second[1])


def test_cache_is_bounded() -> None:
    small = OnnxSentenceEncoder(cache_entries=2)
    vectors = small.encode(["one", "two", "three"])
    assert vectors.shape == (3, 384)
    assert len(small._cache) == 2


def test_checksum_mismatch_raises_model_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(encoder_module, "MODEL_SHA256", "0" * 64)
    with pytest.raises(ModelError, match="checksum"):
        OnnxSentenceEncoder()


def test_tokenizer_checksum_mismatch_raises_model_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(encoder_module, "TOKENIZER_SHA256", "f" * 64)
    with pytest.raises(ModelError, match="tokenizer"):
        OnnxSentenceEncoder()


def test_missing_model_file_raises_model_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="missing"):
        OnnxSentenceEncoder(model_path=tmp_path / "absent.onnx")


def test_public_names() -> None:
    assert embed.__all__ == ["OnnxSentenceEncoder", "get_encoder", "use_encoder_threads"]


def test_concurrent_encodes_agree() -> None:
    from concurrent.futures import ThreadPoolExecutor

    shared = OnnxSentenceEncoder(cache_entries=8)
    texts = [f"Sentence number {index} about the harbour." for index in range(12)]
    expected = OnnxSentenceEncoder(cache_entries=0).encode(texts)
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda _: shared.encode(texts), range(8)))
    for result in results:
        np.testing.assert_allclose(result, expected, atol=1e-5)


def test_vectors_recorded_in_one_process_prime_another_so_nothing_is_encoded_twice() -> None:
    texts = ["The ferry strike entered its third day.", "Union leaders met the operator on Tuesday."]
    first = OnnxSentenceEncoder()
    with first.recording() as computed:
        expected = first.encode(texts)
        first.encode(texts[:1])  # served from the cache: not recorded again
    assert set(computed) == {encoder_module.text_key(text) for text in texts}
    second = OnnxSentenceEncoder()  # as a restarted worker would
    second.prime(computed)
    with second.recording() as recomputed:
        again = second.encode(texts)
    assert recomputed == {} and second.cache_hits == 2
    assert np.array_equal(again, expected)
