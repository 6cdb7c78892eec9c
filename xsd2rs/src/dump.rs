//! Text dump of the resolved model.
