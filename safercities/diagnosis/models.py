# Models of the diagnosis app.
