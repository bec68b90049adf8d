import { PermanentError } from '../errors';
import { detectFileType } from '../files/detect';
import type { Stage } from './types';

/** Decides what the file really is from its bytes; anything we cannot read ends here. */
export const identifyStage: Stage = {
  name: 'identify',
  weight: 1,
  async run({ bytes, state }) {
    if (bytes.length === 0) throw new PermanentError('empty_file', 'The stored file is empty.');
    const type = await detectFileType(bytes);
    if (!type?.supported) {
      throw new PermanentError('unsupported_type', `Unsupported file type: ${type?.mime ?? 'unrecognised bytes'}.`);
    }
    state.file = { mime: type.mime, ext: type.ext };
  },
};
