import { run } from 'probot';
import imagepin from './index.js';
import { imagepinOctokit } from './octokit.js';

// `npm start`: Probot's `run` with imagepin's Octokit, so secondary rate limits are retried in
// production too (`probot run` would keep Probot's handler, which only logs them).
await run(imagepin, { Octokit: imagepinOctokit() });
