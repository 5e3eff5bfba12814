/** The sizes practitioners use, as the issue names them. */
export const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 };
export const TABLET_PORTRAIT = { viewport: { width: 768, height: 1024 }, hasTouch: true };
export const TABLET_LANDSCAPE = { viewport: { width: 1024, height: 768 }, hasTouch: true };
