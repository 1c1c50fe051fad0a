// Entry of the Warden web console (served at /console by `warden server`).
import { render } from 'preact';
import { App } from './app.tsx';
import { adoptPathRoute } from './router.ts';
import './styles.css';

adoptPathRoute();
render(<App />, document.getElementById('app')!);
