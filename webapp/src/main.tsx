import { render } from "preact";
import { createApi } from "./api.js";
import { App } from "./app.js";
import { announceReady, applyTheme, readLaunch } from "./launch.js";
import "./style.css";

const launch = readLaunch();
if (launch !== undefined) applyTheme(launch.theme);
render(<App api={launch && createApi(launch.initData)} />, document.getElementById("app")!);
announceReady();
