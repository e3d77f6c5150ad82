/**
 * What a stream's decoder configuration says about it: the picture size of H.264 (from the first
 * sequence parameter set in an AVCDecoderConfigurationRecord, ISO/IEC 14496-15 and ITU-T H.264
 * 7.3.2.1.1) and the sample rate and channels of AAC (AudioSpecificConfig, ISO/IEC 14496-3). Used
 * to make a slate that matches the stream it stands in for.
 */
import { readAvcDescription } from './avc-description';

export interface PictureSize {
  width: number;
  height: number;
}

export interface AudioFormat {
  sampleRate: number;
  channels: number;
}

/** Reads bits of an RBSP (emulation prevention bytes already removed). */
class BitReader {
  private bit = 0;
  constructor(private readonly bytes: Buffer) {}

  u(count: number): number {
    let value = 0;
    for (let i = 0; i < count; i++) {
      const byte = this.bytes[this.bit >> 3];
      if (byte === undefined) throw new Error('the parameter set ends early');
      value = value * 2 + ((byte >> (7 - (this.bit & 7))) & 1);
      this.bit++;
    }
    return value;
  }

  /** Unsigned Exp-Golomb. */
  ue(): number {
    let zeros = 0;
    while (this.u(1) === 0) {
      if (++zeros > 31) throw new Error('a malformed Exp-Golomb code');
    }
    return 2 ** zeros - 1 + this.u(zeros);
  }

  /** Signed Exp-Golomb. */
  se(): number {
    const code = this.ue();
    return code % 2 ? (code + 1) / 2 : -code / 2;
  }
}

/** Drops the 0x03 after every 0x0000 that the encoder inserted so no start code appears. */
function rbsp(nal: Buffer): Buffer {
  const out: number[] = [];
  for (let i = 0; i < nal.length; i++) {
    const byte = nal.readUInt8(i);
    if (i >= 2 && byte === 3 && nal[i - 1] === 0 && nal[i - 2] === 0) continue;
    out.push(byte);
  }
  return Buffer.from(out);
}

/** Profiles whose SPS carries chroma format, bit depths and scaling matrices. */
const HIGH_PROFILES = new Set([100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135]);

function skipScalingList(bits: BitReader, size: number): void {
  let last = 8;
  let next = 8;
  for (let j = 0; j < size; j++) {
    if (next !== 0) next = (last + bits.se() + 256) % 256;
    last = next === 0 ? last : next;
  }
}

/** The displayed picture size coded in an H.264 sequence parameter set (a NAL unit, header included). */
export function spsPictureSize(sps: Buffer): PictureSize {
  const bits = new BitReader(rbsp(sps.subarray(1)));
  const profile = bits.u(8);
  bits.u(16); // constraint flags, level
  bits.ue(); // seq_parameter_set_id
  let chromaFormat = 1;
  let separateColourPlanes = 0;
  if (HIGH_PROFILES.has(profile)) {
    chromaFormat = bits.ue();
    if (chromaFormat === 3) separateColourPlanes = bits.u(1);
    bits.ue(); // bit depth, luma
    bits.ue(); // bit depth, chroma
    bits.u(1); // qpprime_y_zero_transform_bypass_flag
    if (bits.u(1)) {
      for (let i = 0; i < (chromaFormat === 3 ? 12 : 8); i++) {
        if (bits.u(1)) skipScalingList(bits, i < 6 ? 16 : 64);
      }
    }
  }
  bits.ue(); // log2_max_frame_num_minus4
  const pocType = bits.ue();
  if (pocType === 0) bits.ue();
  else if (pocType === 1) {
    bits.u(1);
    bits.se();
    bits.se();
    const cycle = bits.ue();
    for (let i = 0; i < cycle; i++) bits.se();
  }
  bits.ue(); // max_num_ref_frames
  bits.u(1); // gaps_in_frame_num_value_allowed_flag
  const widthInMbs = bits.ue() + 1;
  const heightInMapUnits = bits.ue() + 1;
  const frameMbsOnly = bits.u(1);
  if (!frameMbsOnly) bits.u(1); // mb_adaptive_frame_field_flag
  bits.u(1); // direct_8x8_inference_flag
  let crop = { left: 0, right: 0, top: 0, bottom: 0 };
  if (bits.u(1)) crop = { left: bits.ue(), right: bits.ue(), top: bits.ue(), bottom: bits.ue() };
  const chromaArray = separateColourPlanes ? 0 : chromaFormat;
  const cropX = chromaArray === 0 ? 1 : chromaArray === 3 ? 1 : 2;
  const cropY = (chromaArray === 1 ? 2 : 1) * (2 - frameMbsOnly);
  return {
    width: widthInMbs * 16 - (crop.left + crop.right) * cropX,
    height: heightInMapUnits * 16 * (2 - frameMbsOnly) - (crop.top + crop.bottom) * cropY,
  };
}

/** The picture size from an AVCDecoderConfigurationRecord (its first SPS). */
export function avcPictureSize(record: Buffer): PictureSize {
  const sps = readAvcDescription(record)?.sps[0];
  if (!sps) throw new Error('not an AVC decoder configuration record');
  return spsPictureSize(Buffer.from(sps.buffer, sps.byteOffset, sps.byteLength));
}

const AAC_SAMPLE_RATES = [
  96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350,
];

/** Sample rate and channel count from an AAC AudioSpecificConfig. */
export function aacAudioFormat(config: Buffer): AudioFormat {
  if (config.length < 2) throw new Error('the AudioSpecificConfig is too short');
  const bits = new BitReader(config);
  let objectType = bits.u(5);
  if (objectType === 31) objectType = 32 + bits.u(6);
  const rateIndex = bits.u(4);
  const sampleRate = rateIndex === 15 ? bits.u(24) : AAC_SAMPLE_RATES[rateIndex];
  const channels = bits.u(4);
  if (!sampleRate) throw new Error(`an unknown AAC sample rate index ${rateIndex}`);
  return { sampleRate, channels };
}
