import i18next from 'i18next';
import { describe, expect, test } from 'vitest';
import { explainDeliveryError } from './deliveryError';
import { sendingEn, sendingTr } from './sendingMessages';

function keysOf(o: object, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? keysOf(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

describe('delivery errors in plain words', () => {
  test('SMTP failures map to what staff can act on', () => {
    expect(explainDeliveryError('not_configured', 'email')).toEqual({ key: 'not_configured' });
    expect(explainDeliveryError('EAUTH 535: 5.7.8 Authentication failed', 'email').key).toBe('auth');
    expect(explainDeliveryError('ESOCKET: connect ECONNREFUSED 127.0.0.1:2525', 'email').key).toBe('refused');
    expect(explainDeliveryError('EDNS: getaddrinfo ENOTFOUND smtp.nowhere', 'email').key).toBe('dns');
    expect(explainDeliveryError('ERROR 421: Try again later', 'email').key).toBe('temporary');
    expect(explainDeliveryError('ERROR 550: Sender refused', 'email').key).toBe('rejected');
    expect(explainDeliveryError('rejected: a@b.c, d@e.f', 'email')).toEqual({ key: 'recipients', params: { list: 'a@b.c, d@e.f' } });
    expect(explainDeliveryError('lease expired on attempt 2', 'email').key).toBe('lease');
    expect(explainDeliveryError('something odd', 'email')).toEqual({ key: 'unknown', raw: 'something odd' });
  });

  test('Twilio failures by their error code or HTTP status', () => {
    expect(explainDeliveryError('400 (21211): Invalid To number', 'sms').key).toBe('invalidNumber');
    expect(explainDeliveryError('400 (21610): Unsubscribed', 'sms').key).toBe('unsubscribed');
    expect(explainDeliveryError('401 (20003): Authenticate', 'sms').key).toBe('twilioAuth');
    expect(explainDeliveryError('429: Too Many Requests', 'sms').key).toBe('rateLimited');
    expect(explainDeliveryError('invalid Turkish mobile number: 123', 'sms').key).toBe('invalidNumber');
  });

  test('Turkish and English messages have the same keys', () => {
    expect(keysOf(sendingEn)).toEqual(keysOf(sendingTr));
  });

  test('the messages register themselves once i18next is initialised', async () => {
    await i18next.init({ lng: 'tr', resources: { tr: { translation: {} }, en: { translation: {} } } });
    expect(i18next.t('sending.errors.auth')).toBe('Sunucu kullanıcı adını veya parolayı kabul etmedi.');
    expect(i18next.getFixedT('en')('sending.problemTitle')).toBe('E-mail and SMS cannot be sent');
  });
});
