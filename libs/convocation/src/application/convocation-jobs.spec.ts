import { sendMessagesJobId } from './convocation-jobs';

describe('sendMessagesJobId', () => {
  const at = new Date('2027-01-11T09:30:00+01:00');
  const batch = [
    { id: '0190f3a0-0000-7000-8000-000000000001', due_at: at },
    { id: '0190f3a0-0000-7000-8000-000000000002', due_at: at },
  ];

  it('is the same for the same messages due at the same times, whatever the Date instances', () => {
    expect(sendMessagesJobId(batch)).toBe(sendMessagesJobId(batch.map((m) => ({ id: m.id, due_at: new Date(m.due_at.getTime()) }))));
    // BullMQ refuses a custom id with a bare ':'.
    expect(sendMessagesJobId(batch)).toMatch(/^messages-[0-9a-f]{32}$/);
  });

  it('changes when a message is due again at another time, or the batch holds other messages', () => {
    const retried = [batch[0], { ...batch[1], due_at: new Date(at.getTime() + 60_000) }];
    expect(sendMessagesJobId(retried)).not.toBe(sendMessagesJobId(batch));
    expect(sendMessagesJobId(batch.slice(0, 1))).not.toBe(sendMessagesJobId(batch));
  });
});
