import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cardBrand, cnIdValid, hkidValid, ibanValid, luhn, nricValid, ssnValid } from '../src/internal/checksums.js';
import { Rng } from './corpus/random.js';
import * as v from './corpus/values.js';

// The generators in test/corpus were written from the specifications independently of src/internal.

test('generated valid identifiers pass their check; a changed check character fails', () => {
  const r = new Rng(99);
  for (let i = 0; i < 300; i++) {
    const card = v.cardNumber(r).replace(/\D/g, '');
    assert.ok(luhn(card) && cardBrand(card) !== undefined, card);
    const bad = card.slice(0, -1) + String((Number(card.slice(-1)) + 1) % 10);
    assert.equal(luhn(bad), false, bad);

    const iban = v.iban(r).replace(/ /g, '');
    assert.ok(ibanValid(iban), iban);
    assert.equal(ibanValid(iban.slice(0, 2) + String((Number(iban.slice(2, 4)) + 1) % 100).padStart(2, '0') + iban.slice(4)), false, iban);

    const id = v.cnId(r);
    assert.ok(cnIdValid(id, 2026), id);
    assert.equal(cnIdValid(id.slice(0, 17) + (id[17] === '0' ? '1' : '0'), 2026), false, id);

    const hk = v.hkid(r).replace(/[()]/g, '');
    const letters = /^[A-Z]+/.exec(hk)![0];
    assert.ok(hkidValid(letters, hk.slice(letters.length, letters.length + 6), hk.slice(-1)), hk);

    const nric = v.nric(r);
    assert.ok(nricValid(nric), nric);
    assert.equal(nricValid(nric.slice(0, 8) + (nric[8] === 'A' ? 'B' : 'A')), false, nric);
  }
});

test('known reference values', () => {
  assert.ok(luhn('4111111111111111'));
  assert.equal(cardBrand('2720990000000007'), 'mastercard');
  assert.equal(cardBrand('2721000000000000'), undefined);
  assert.equal(cardBrand('378282246310005'), 'amex');
  assert.ok(ibanValid('GB82WEST12345698765432'));
  assert.ok(ibanValid('DE89370400440532013000'));
  assert.ok(cnIdValid('11010519491231002X', 2026));
  assert.equal(cnIdValid('11010520300101002X', 2026), false, 'birth date in the future');
  assert.ok(nricValid('S1234567D'));
  assert.equal(ssnValid('666', '12', '3456'), false);
  assert.equal(ssnValid('912', '12', '3456'), false);
  assert.ok(ssnValid('123', '45', '6789'));
});
