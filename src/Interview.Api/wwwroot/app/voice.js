// Speech in the interview room: the interviewer's turns read aloud (POST /tts, the browser's own speech synthesis as the
// fallback) and answers recorded push-to-talk with MediaRecorder and a live level meter (Web Audio AnalyserNode).
import { api } from './api.js';

const AUTOPLAY_KEY = 'interview.autoplay';
export const MAX_RECORDING_MS = 290_000;

export const autoplay = {
  get on() { return localStorage.getItem(AUTOPLAY_KEY) === 'true'; },
  set on(value) { localStorage.setItem(AUTOPLAY_KEY, value ? 'true' : 'false'); }
};

let playing = null;

export function stopSpeaking() {
  if (playing) { playing.pause(); URL.revokeObjectURL(playing.src); playing = null; }
  if ('speechSynthesis' in window) speechSynthesis.cancel();
}

function speakInBrowser(text) {
  if (!('speechSynthesis' in window)) throw new Error('This browser cannot speak and the server engine failed.');
  const utterance = new SpeechSynthesisUtterance(text);
  utterance.lang = 'en-US';
  speechSynthesis.speak(utterance);
  return { engine: 'browser' };
}

/** Reads a text aloud with the server's engine; when that fails, with the browser's speech synthesis. Returns { engine }. */
export async function speak(text) {
  stopSpeaking();
  let response;
  try {
    response = await api.raw('POST', '/tts', { text });
  } catch {
    return speakInBrowser(text);
  }
  const audio = new Audio(URL.createObjectURL(await response.blob()));
  playing = audio;
  audio.addEventListener('ended', () => { if (playing === audio) stopSpeaking(); }, { once: true });
  try {
    await audio.play();
  } catch (error) {
    // Autoplay refused without a user gesture: say so rather than talking over the page later.
    if (error && error.name === 'NotAllowedError') throw new Error('The browser blocked audio; press Play.');
    return speakInBrowser(text);
  }
  return { engine: response.headers.get('X-Speech-Engine') || 'server' };
}

/** An audio element playing a protected recording (fetched with the bearer token). */
export async function recordingPlayer(url) {
  const response = await api.raw('GET', url.replace(/^\/api\/v1/, ''));
  const audio = document.createElement('audio');
  audio.controls = true;
  audio.preload = 'auto';
  audio.src = URL.createObjectURL(await response.blob());
  return audio;
}

export const canRecord = () => !!(navigator.mediaDevices && navigator.mediaDevices.getUserMedia && window.MediaRecorder);

/** Push-to-talk recorder: start() opens the microphone, level(0..1) is reported every frame, stop() resolves to a Blob. */
export class Recorder {
  constructor(onLevel) { this.onLevel = onLevel; this.recording = false; }

  async start() {
    if (this.recording) return;
    this.recording = true;
    try {
      this.stream = await navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: true, noiseSuppression: true } });
    } catch (error) {
      this.recording = false;
      throw error;
    }
    const type = ['audio/webm;codecs=opus', 'audio/ogg;codecs=opus', 'audio/mp4'].find(t => MediaRecorder.isTypeSupported(t));
    this.recorder = new MediaRecorder(this.stream, type ? { mimeType: type } : undefined);
    this.chunks = [];
    this.recorder.addEventListener('dataavailable', event => { if (event.data.size) this.chunks.push(event.data); });
    this.context = new AudioContext();
    const analyser = this.context.createAnalyser();
    analyser.fftSize = 1024;
    this.context.createMediaStreamSource(this.stream).connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    const frame = () => {
      if (!this.recording) return;
      analyser.getFloatTimeDomainData(samples);
      let sum = 0;
      for (const sample of samples) sum += sample * sample;
      this.onLevel(Math.min(1, Math.sqrt(sum / samples.length) * 4));
      this.raf = requestAnimationFrame(frame);
    };
    frame();
    this.startedAt = performance.now();
    this.recorder.start(250);
    this.limit = setTimeout(() => this.stop(), MAX_RECORDING_MS);
    if (!this.recording) this.stop();
  }

  stop() {
    if (!this.recorder) { this.recording = false; return Promise.resolve(null); }
    this.pending ??= new Promise(resolve => {
      this.recorder.addEventListener('stop', () => {
        const blob = new Blob(this.chunks, { type: this.recorder.mimeType || 'audio/webm' });
        const seconds = (performance.now() - this.startedAt) / 1000;
        this.release();
        resolve({ blob, seconds });
      }, { once: true });
      this.recording = false;
      clearTimeout(this.limit);
      cancelAnimationFrame(this.raf);
      this.onLevel(0);
      this.recorder.stop();
    });
    return this.pending;
  }

  release() {
    for (const track of this.stream ? this.stream.getTracks() : []) track.stop();
    if (this.context) this.context.close();
    this.recorder = null; this.stream = null; this.context = null; this.pending = null;
  }
}
