/** Intent ids reported in `channelData.ponte.topic` beside the knowledge ids (see the catalogue). */
export const MEDIATOR_REQUEST = 'mediator.request';
export const DESK_FIND = 'desk.find';
export const DESK_OPENING_HOURS = 'desk.opening-hours';
