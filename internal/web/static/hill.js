// The hill chart: dots dragged with a mouse or touch, or moved with the keyboard.
