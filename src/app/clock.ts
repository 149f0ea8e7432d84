// The app's clock is the shared one in model (the resolver's deadline and breaker use it too).
export { systemClock, type Clock } from '../model/clock.js';
