import { createProgressLine, type ProgressStream } from './progress-line';

const recorder = (isTTY: boolean): ProgressStream & { text: string } => {
  const stream = {
    isTTY,
    text: '',
    write(text: string) {
      stream.text += text;
      return true;
    }
  };
  return stream;
};

describe('progress line', () => {
  it('redraws in place on a terminal', () => {
    const stream = recorder(true);
    const line = createProgressLine(stream);
    line.write('1/3');
    line.write('2/3');
    line.end();
    expect(stream.text).toBe('\r1/3\r2/3\n');
  });

  it('writes plain lines, at most one per interval, and the last at the end, when not a terminal', () => {
    const stream = recorder(false);
    let clock = 0;
    const line = createProgressLine(stream, 1000, () => clock);
    line.write('1/4');
    clock = 500;
    line.write('2/4');
    clock = 1200;
    line.write('3/4');
    line.write('4/4');
    line.end();
    expect(stream.text).toBe('1/4\n3/4\n4/4\n');
    expect(stream.text).not.toContain('\r');
  });
});
