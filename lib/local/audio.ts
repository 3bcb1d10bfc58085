/**
 * Audio bytes to the 16 kHz mono Float32 samples speech models take. WAV (PCM 8/16/24/32-bit integer, 32/64-bit
 * float) is decoded here with no dependency; other containers (FLAC, MP3, OGG) would need a decoder we do not ship.
 */
export const SAMPLE_RATE = 16_000;

export function decodeAudio(bytes: Uint8Array): Float32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (at: number) => String.fromCharCode(bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]);
  if (bytes.byteLength < 12 || tag(0) !== "RIFF" || tag(8) !== "WAVE") {
    throw new Error("The local provider reads WAV audio only (PCM or float); convert FLAC / MP3 / OGG to WAV first.");
  }
  let format: { code: number; channels: number; rate: number; bits: number } | undefined;
  for (let at = 12; at + 8 <= bytes.byteLength; ) {
    const id = tag(at);
    const size = view.getUint32(at + 4, true);
    const body = at + 8;
    if (id === "fmt ") {
      let code = view.getUint16(body, true);
      // WAVE_FORMAT_EXTENSIBLE: the real format is the first two bytes of the sub-format GUID.
      if (code === 0xfffe && size >= 26) code = view.getUint16(body + 24, true);
      format = { code, channels: view.getUint16(body + 2, true), rate: view.getUint32(body + 4, true), bits: view.getUint16(body + 14, true) };
    } else if (id === "data") {
      if (!format) throw new Error("WAV audio without a format chunk");
      const end = Math.min(bytes.byteLength, body + size);
      return resample(mono(samples(view, body, end, format), format.channels), format.rate);
    }
    at = body + size + (size & 1);
  }
  throw new Error("WAV audio without a data chunk");
}

function samples(view: DataView, start: number, end: number, f: { code: number; bits: number }): Float32Array {
  const width = f.bits / 8;
  const n = Math.floor((end - start) / width);
  const out = new Float32Array(n);
  const read = reader(view, f);
  for (let i = 0; i < n; i++) out[i] = read(start + i * width);
  return out;
}

function reader(view: DataView, f: { code: number; bits: number }): (at: number) => number {
  if (f.code === 3 && f.bits === 32) return (at) => view.getFloat32(at, true);
  if (f.code === 3 && f.bits === 64) return (at) => view.getFloat64(at, true);
  if (f.code !== 1) throw new Error(`WAV format ${f.code} is not supported (PCM and IEEE float are)`);
  if (f.bits === 8) return (at) => (view.getUint8(at) - 128) / 128;
  if (f.bits === 16) return (at) => view.getInt16(at, true) / 32768;
  if (f.bits === 24) return (at) => ((view.getUint8(at) | (view.getUint8(at + 1) << 8) | (view.getInt8(at + 2) << 16)) / 8388608);
  if (f.bits === 32) return (at) => view.getInt32(at, true) / 2147483648;
  throw new Error(`${f.bits}-bit PCM WAV is not supported`);
}

function mono(interleaved: Float32Array, channels: number): Float32Array {
  if (channels <= 1) return interleaved;
  const out = new Float32Array(Math.floor(interleaved.length / channels));
  for (let i = 0; i < out.length; i++) {
    let sum = 0;
    for (let c = 0; c < channels; c++) sum += interleaved[i * channels + c];
    out[i] = sum / channels;
  }
  return out;
}

/** Linear interpolation: enough for speech models, which see 16 kHz. */
function resample(input: Float32Array, rate: number): Float32Array {
  if (rate === SAMPLE_RATE) return input;
  const ratio = rate / SAMPLE_RATE;
  const out = new Float32Array(Math.floor(input.length / ratio));
  for (let i = 0; i < out.length; i++) {
    const pos = i * ratio;
    const left = Math.floor(pos);
    const right = Math.min(left + 1, input.length - 1);
    out[i] = input[left] + (input[right] - input[left]) * (pos - left);
  }
  return out;
}
